import { parseLogNotice } from './log-notice.js';

describe('parseLogNotice', () => {
  it('reads the head each stream reached', () => {
    const notice = parseLogNotice('site:a:staff 12,user:b 3');
    expect(notice).toEqual({
      everything: false,
      heads: new Map([
        ['site:a:staff', 12],
        ['user:b', 3],
      ]),
    });
  });

  it('asks for a full check when the payload is empty or not understood', () => {
    expect(parseLogNotice('')).toEqual({ everything: true });
    expect(parseLogNotice(undefined)).toEqual({ everything: true });
    expect(parseLogNotice('user:b x')).toEqual({ everything: true });
    expect(parseLogNotice('12')).toEqual({ everything: true });
  });
});
