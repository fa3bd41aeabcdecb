import { IsUUID } from 'class-validator';
import { CommandDto } from '#realtime';

export class StartPatrolDto extends CommandDto {
  @IsUUID() routeId: string;
}
