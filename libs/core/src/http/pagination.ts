import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/**
 * The deepest page any list serves: with the largest pageSize an offset of 2,000,000 rows, far past
 * any real list, and far below PostgreSQL's bigint (page=1e20 reached the SQL and answered 500).
 */
export const MAX_PAGE = 10_000;

/**
 * The `page` query parameter of every list: 1 to MAX_PAGE. `type` spelled out: a property without a
 * type annotation is reflected as Object (allOf:[Object], which Swagger UI cannot send).
 */
export const PageNumber = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(MAX_PAGE),
  );

export class PageQueryDto {
  @PageNumber()
  page: number = 1;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize: number = 50;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const toPage = <T>(items: T[], total: number, q: PageQueryDto): Page<T> => ({
  items,
  total,
  page: q.page,
  pageSize: q.pageSize,
});

/** Swagger schema helper for list responses. */
export class PageMetaDto {
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
