import { commandPhases } from './command-runner.js';

describe('commandPhases', () => {
  it('splits a command into pool wait, work, final statement and commit, in 0.1 ms steps', () => {
    expect(commandPhases([1000, 1000.04, 1085.27, 1086.2, 1111.1])).toEqual({
      total: 111.1,
      poolWait: 0,
      work: 85.2,
      final: 0.9,
      commit: 24.9,
    });
  });
});
