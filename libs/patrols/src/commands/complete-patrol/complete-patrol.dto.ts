import { IsUUID } from 'class-validator';
import { CommandDto } from '#realtime';

export class CompletePatrolDto extends CommandDto {
  @IsUUID() patrolRunId: string;
}
