import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PlainText } from '#core';

export const TEXT_MAX = 2000;

/**
 * A message text: plain text, 1 to TEXT_MAX characters once markup and control characters are
 * gone. The sanitiser's cap is one above the limit so that an oversize text is refused by
 * MaxLength (VALIDATION_FAILED) instead of being cut short silently.
 */
export const MessageText = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ minLength: 1, maxLength: TEXT_MAX, example: 'Lock down the east wing now.' }),
    PlainText(TEXT_MAX + 1),
    IsString(),
    MinLength(1),
    MaxLength(TEXT_MAX),
  ) as PropertyDecorator;
