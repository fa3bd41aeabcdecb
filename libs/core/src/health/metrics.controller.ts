import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/decorators.js';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { RuntimeMetricsDto } from './health-responses.dto.js';
import { RuntimeMetrics } from './runtime-metrics.js';

@ApiTags('health')
@Controller('metrics')
@Authenticated('admin')
export class MetricsController {
  constructor(private readonly metrics: RuntimeMetrics) {}

  @Get()
  @ApiOperation({
    summary: "This node's event-loop delay and GC pauses (since the last reset) and memory (admin)",
  })
  @ApiOkResponse({ type: RuntimeMetricsDto })
  @ApiErrors(401, 403)
  get() {
    return this.metrics.snapshot();
  }

  @Post('reset')
  @HttpCode(204)
  @ApiOperation({ summary: 'Starts a new event-loop delay and GC pause window on this node (admin)' })
  @ApiNoContentResponse()
  @ApiErrors(401, 403)
  reset(): void {
    this.metrics.resetWindow();
  }
}
