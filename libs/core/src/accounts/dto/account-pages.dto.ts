import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../http/pagination.js';
import { SiteDto } from './site.dto.js';
import { UserDto } from './user.dto.js';

export class UserPageDto extends PageMetaDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
}

export class SitePageDto extends PageMetaDto {
  @ApiProperty({ type: [SiteDto] }) items: SiteDto[];
}
