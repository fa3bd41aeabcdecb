import { SubscribeMessage } from '@nestjs/websockets';
import type { CommandName } from '#contract';

/**
 * `@SubscribeMessage` for a command of the contract: a name the contract lacks does not compile.
 * It runs once, when the class is defined; what a message goes through is SubscribeMessage's own.
 */
export const OnCommand = (command: CommandName): MethodDecorator => SubscribeMessage(command);
