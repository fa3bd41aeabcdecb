import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

/** The panic feature: gateway, REST controller, commands, events, reactions, rules, persistence. */
@Module({
  imports: [CqrsModule],
  controllers: [],
  providers: [],
})
export class PanicModule {}
