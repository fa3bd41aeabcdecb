import { Injectable } from '@nestjs/common';

export type SnapshotPart = (siteId: string) => Promise<unknown>;

/**
 * Feature modules contribute their part of a site snapshot (guards on shift, active panics,
 * open incidents...), returned by `join_site`. Registered in each module's onModuleInit.
 */
@Injectable()
export class SiteSnapshotRegistry {
  private readonly parts = new Map<string, SnapshotPart>();

  register(name: string, part: SnapshotPart): void {
    this.parts.set(name, part);
  }

  async build(siteId: string): Promise<Record<string, unknown>> {
    const entries = await Promise.all(
      [...this.parts].map(async ([name, part]) => [name, await part(siteId)] as const),
    );
    return Object.fromEntries(entries);
  }
}
