import type { Type } from '@nestjs/common';
import { GATEWAY_METADATA, MESSAGE_METADATA } from '@nestjs/websockets/constants.js';
import { getMetadataStorage } from 'class-validator';

/** The metadata key of `@WsRoles` (libs/realtime/src/commands/ws-roles.guard.ts). */
const WS_ROLES = 'ps:ws-roles';

type Ctor = new (...args: never[]) => object;

/** One `@SubscribeMessage` handler of a gateway, as Nest and class-validator see it. */
export interface SubscribedCommand {
  name: string;
  gateway: string;
  /** `@WsRoles(...)`, when the handler narrows the roles at the gateway. */
  roles: string[] | undefined;
  /** The validated payload class: the parameter type that carries class-validator rules. */
  dto: Ctor | undefined;
}

const isGateway = (c: unknown): c is Type =>
  typeof c === 'function' && !!Reflect.getMetadata(GATEWAY_METADATA, c);

/** Every gateway class among the providers of these modules and the modules they import. */
export function gatewaysOf(modules: unknown[]): Type[] {
  const seen = new Set<unknown>();
  const found = new Set<Type>();
  const visit = (m: unknown): void => {
    if (!m || seen.has(m)) return;
    seen.add(m);
    const module = (m as { module?: unknown }).module ?? m;
    const dynamic = m === module ? {} : (m as { providers?: unknown[]; imports?: unknown[] });
    const providers = [
      ...((Reflect.getMetadata('providers', module as object) as unknown[]) ?? []),
      ...(dynamic.providers ?? []),
    ];
    providers.filter(isGateway).forEach((g) => found.add(g));
    [
      ...((Reflect.getMetadata('imports', module as object) as unknown[]) ?? []),
      ...(dynamic.imports ?? []),
    ].forEach(visit);
  };
  modules.forEach(visit);
  return [...found];
}

/** The commands a gateway subscribes, read from the decorators' metadata. */
export function subscribedCommands(gateway: Type): SubscribedCommand[] {
  const proto = gateway.prototype as Record<string, unknown>;
  const storage = getMetadataStorage();
  return Object.getOwnPropertyNames(proto).flatMap((key) => {
    const handler = proto[key];
    if (typeof handler !== 'function') return [];
    const name = Reflect.getMetadata(MESSAGE_METADATA, handler) as string | undefined;
    if (!name) return [];
    const params = (Reflect.getMetadata('design:paramtypes', proto, key) as Ctor[] | undefined) ?? [];
    const dto = params.find((p) => storage.getTargetValidationMetadatas(p, '', false, false).length > 0);
    return [
      {
        name,
        gateway: gateway.name,
        roles: Reflect.getMetadata(WS_ROLES, handler) as string[] | undefined,
        dto,
      },
    ];
  });
}
