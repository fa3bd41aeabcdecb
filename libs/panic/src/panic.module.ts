import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AcknowledgePanicHandler } from './commands/acknowledge-panic/acknowledge-panic.handler.js';
import { RaisePanicHandler } from './commands/raise-panic/raise-panic.handler.js';
import { RecordPanicDeliveryHandler } from './commands/record-panic-delivery/record-panic-delivery.handler.js';
import { ResolvePanicHandler } from './commands/resolve-panic/resolve-panic.handler.js';
import { PanicEscalation } from './escalation/panic-escalation.service.js';
import { PanicReceiptBackstop } from './escalation/panic-receipt-backstop.js';
import { BroadcastWhenPanicChanged } from './event-handlers/broadcast-when-panic-changed.handler.js';
import { ConfirmDeliveryWhenPanicRaised } from './event-handlers/confirm-delivery-when-panic-raised.handler.js';
import { PanicController } from './panic.controller.js';
import { PanicGateway } from './panic.gateway.js';
import { PanicQueries } from './queries/panic-queries.service.js';

/** The panic feature: gateway, REST controller, commands, events, reactions, rules, persistence. */
@Module({
  imports: [CqrsModule],
  controllers: [PanicController],
  providers: [
    PanicGateway,
    RaisePanicHandler,
    AcknowledgePanicHandler,
    ResolvePanicHandler,
    RecordPanicDeliveryHandler,
    PanicEscalation,
    PanicReceiptBackstop,
    ConfirmDeliveryWhenPanicRaised,
    BroadcastWhenPanicChanged,
    PanicQueries,
  ],
})
export class PanicModule {}
