import { Transform } from 'class-transformer';

// Control characters except tab and newline; also lone surrogates are handled by the payload guard.
/* eslint-disable no-control-regex -- stripping control characters is the point */
const CONTROL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/g;
/* eslint-enable no-control-regex */
const TAG = /<\/?[a-zA-Z!][^<>]*>/g;
const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
  '&quot;': '"',
  '&#39;': "'",
  '&nbsp;': ' ',
};

/** Free text as plain text: markup stripped, control characters removed, whitespace trimmed, capped. */
export function toPlainText(value: string, maxLength: number): string {
  const stripped = value
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(TAG, '')
    .replace(/&(lt|gt|amp|quot|#39|nbsp);/g, (m) => ENTITIES[m] ?? m)
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL, '')
    .trim();
  return stripped.length > maxLength ? stripped.slice(0, maxLength) : stripped;
}

/** DTO decorator: sanitises a string field (non-strings pass through for @IsString to refuse). */
export function PlainText(maxLength: number): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? toPlainText(value, maxLength) : value,
  );
}
