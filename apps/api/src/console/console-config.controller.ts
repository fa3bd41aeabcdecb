import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AppConfig, Public } from '#core';

export class ConsoleConfigDto {
  @ApiProperty({ type: 'string', nullable: true, description: 'Tile URL template; null: no tiles' })
  tileUrl: string | null;
  @ApiProperty() tileAttribution: string;
  @ApiProperty({ type: 'integer' }) guardStaleAfterS: number;
}

/** What the operations console needs to know before login: its map tiles and the stale threshold. */
@ApiTags('console')
@Controller('console')
export class ConsoleConfigController {
  constructor(private readonly config: AppConfig) {}

  @Get('config')
  @Public()
  @ApiOperation({ summary: 'Settings of the operations console (map tiles, stale-guard threshold)' })
  @ApiOkResponse({ type: ConsoleConfigDto })
  get(): ConsoleConfigDto {
    const { CONSOLE_TILE_URL, CONSOLE_TILE_ATTRIBUTION, GUARD_STALE_AFTER_S } = this.config;
    return {
      tileUrl: CONSOLE_TILE_URL === 'none' ? null : CONSOLE_TILE_URL,
      tileAttribution: CONSOLE_TILE_ATTRIBUTION,
      guardStaleAfterS: GUARD_STALE_AFTER_S,
    };
  }
}
