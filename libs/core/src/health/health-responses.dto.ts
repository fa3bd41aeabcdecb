import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LiveDto {
  @ApiProperty({ example: 'ok' }) status: string;
}

/** @nestjs/terminus's answer: one entry per indicator (database, redis) under info or error. */
export class ReadyDto {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] }) status: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { database: { status: 'up' } },
  })
  info?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) error?: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
}

class DelayWindowDto {
  @ApiProperty() windowS: number;
  @ApiProperty() samples: number;
  @ApiProperty({ type: 'number', nullable: true }) mean: number | null;
  @ApiProperty({ type: 'number', nullable: true }) p50: number | null;
  @ApiProperty({ type: 'number', nullable: true }) p99: number | null;
  @ApiProperty({ type: 'number', nullable: true }) max: number | null;
}

export class RuntimeMetricsDto {
  @ApiProperty() uptimeS: number;
  @ApiProperty({ type: DelayWindowDto }) eventLoopDelayMs: DelayWindowDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: '{ windowS, pausedPct, minor|major|incremental|weakcb: { count, totalMs, maxMs } }',
  })
  gcPauses: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } })
  memoryBytes: Record<string, number>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Audit buffer: { buffered, capacity, dropped, openRefusalWindows }',
  })
  audit: Record<string, number>;
}
