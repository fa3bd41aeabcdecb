// The files of a new feature library, in the house style of docs/feature-modules.md: one example
// socket command (`add_<name>_note`) on the whole path gateway -> DTO -> command handler in the
// CommandRunner -> stored event -> CQRS event -> broadcast, a domain rule with its spec, and the
// persistence (repository, view type, migration, lists). Replace the example with the feature.

/** Names derived from the library name (`beacons`): identifiers, files, the command and its event. */
export function namesOf(name, migrationTs) {
  const Pascal = name[0].toUpperCase() + name.slice(1);
  return {
    name,
    Pascal,
    migrationTs,
    command: `add_${name}_note`,
    eventType: `${name}_note_added`,
    table: `${name}_notes`,
  };
}

const gateway = ({ name, Pascal, command }) => `import { CommandBus } from '@nestjs/cqrs';
import { MessageBody, SubscribeMessage } from '@nestjs/websockets';
import { CommandPolicy, type CommandSender, RealtimeGateway, WsSender } from '#realtime';
import { Add${Pascal}NoteCommand } from './commands/add-note/add-note.command.js';
import { Add${Pascal}NoteDto } from './commands/add-note/add-note.dto.js';

/** Socket commands of the ${name} feature. */
@RealtimeGateway()
export class ${Pascal}Gateway {
  constructor(private readonly commandBus: CommandBus) {}

  /** The socket layer's policy for this command: its lane, throttle class and what is audited. */
  @CommandPolicy({ lane: 'ordinary', throttle: 'socket', audit: 'all' })
  @SubscribeMessage('${command}')
  addNote(@WsSender() from: CommandSender, @MessageBody() dto: Add${Pascal}NoteDto) {
    return this.commandBus.execute(new Add${Pascal}NoteCommand(from.principal, dto, new Date(from.receivedAt)));
  }
}
`;

const dto = ({
  Pascal,
  command,
}) => `import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsDeviceTime, PlainText } from '#core';
import { CommandDto } from '#realtime';
import { NOTE_MAX } from '../../domain/note.js';

/** \`${command}\` payload. */
export class Add${Pascal}NoteDto extends CommandDto {
  @IsUUID() siteId: string;

  @PlainText(NOTE_MAX)
  @IsString()
  @MinLength(1)
  @MaxLength(NOTE_MAX)
  text: string;

  /** Device time (ISO-8601 with zone). */
  @IsOptional()
  @IsDeviceTime()
  recordedAt?: string;
}
`;

const command = ({ Pascal }) => `import { Command } from '@nestjs/cqrs';
import type { Principal } from '#core';
import type { NoteView } from '../../persistence/note.view.js';
import type { Add${Pascal}NoteDto } from './add-note.dto.js';

export class Add${Pascal}NoteCommand extends Command<{ note: NoteView }> {
  constructor(
    readonly principal: Principal,
    readonly dto: Add${Pascal}NoteDto,
    /** Server receive time: when the command was read off its socket. */
    readonly receivedAt: Date,
  ) {
    super();
  }
}
`;

const handler = ({
  Pascal,
  command,
  eventType,
}) => `import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { actionTime } from '#core';
import { CommandRunner, Rooms } from '#realtime';
import { assertMayAddNote } from '../../domain/note.js';
import { ${Pascal}NoteAddedEvent } from '../../events/note-added.event.js';
import { insertNote } from '../../persistence/note.repository.js';
import { Add${Pascal}NoteCommand } from './add-note.command.js';

/** \`${command}\`: a member of the site adds a note; the site's staff hear of it. */
@CommandHandler(Add${Pascal}NoteCommand)
export class Add${Pascal}NoteHandler implements ICommandHandler<Add${Pascal}NoteCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly events: EventBus,
  ) {}

  async execute({ principal: me, dto, receivedAt }: Add${Pascal}NoteCommand) {
    const ctx = { principal: me, command: '${command}', clientEventId: dto.clientEventId };
    const outcome = await this.runner.run(ctx, async (uow) => {
      assertMayAddNote(me, dto.siteId);
      const note = await insertNote(uow.tx, {
        siteId: dto.siteId,
        authorId: me.userId,
        text: dto.text,
        occurredAt: actionTime(dto.recordedAt, receivedAt),
        receivedAt,
      });
      uow.append({
        type: '${eventType}',
        siteId: note.siteId,
        streams: [Rooms.siteStaff(note.siteId)],
        data: { note },
        occurredAt: new Date(note.occurredAt),
      });
      return { note };
    });
    // A replayed retry has no envelopes: nothing to broadcast again.
    if (outcome.envelopes.length)
      this.events.publish(new ${Pascal}NoteAddedEvent(outcome.result.note.id, outcome.envelopes));
    return outcome.result;
  }
}
`;

const event = ({ Pascal }) => `import type { Envelope } from '#realtime';

/** A note was added; \`envelopes\` are its stored events, ready to broadcast. */
export class ${Pascal}NoteAddedEvent {
  constructor(
    readonly noteId: string,
    readonly envelopes: Envelope[],
  ) {}
}
`;

const eventHandler = ({ Pascal }) => `import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { Publisher } from '#realtime';
import { ${Pascal}NoteAddedEvent } from '../events/note-added.event.js';

/** Sends the stored note events to their stream rooms after commit. */
@EventsHandler(${Pascal}NoteAddedEvent)
export class BroadcastWhen${Pascal}NoteAdded implements IEventHandler<${Pascal}NoteAddedEvent> {
  constructor(private readonly publisher: Publisher) {}

  handle(event: ${Pascal}NoteAddedEvent): void {
    this.publisher.publish(event.envelopes);
  }
}
`;

const domain = () => `import { AppError, canAccessSite, type Principal } from '#core';

export const NOTE_MAX = 500;

/** Any member of a site (and admins) may add a note to it. */
export const mayAddNote = (me: Principal, siteId: string): boolean => canAccessSite(me, siteId);

export function assertMayAddNote(me: Principal, siteId: string): void {
  if (!mayAddNote(me, siteId)) throw AppError.forbidden('You are not assigned to this site', { siteId });
}
`;

const domainSpec = () => `import type { Principal } from '#core';
import { mayAddNote } from './note.js';

const SITE = '00000000-0000-4000-8000-00000000000a';
const OTHER = '00000000-0000-4000-8000-00000000000b';
const guard: Principal = { userId: 'g', role: 'guard', name: 'g', siteIds: [SITE] };

describe('who may add a note', () => {
  it('a member of the site, nobody from another site', () => {
    expect(mayAddNote(guard, SITE)).toBe(true);
    expect(mayAddNote(guard, OTHER)).toBe(false);
  });
});
`;

const view = () => `/** A note as every client sees it (the ack and the event's data). */
export interface NoteView {
  id: string;
  siteId: string;
  authorId: string;
  text: string;
  occurredAt: string;
  receivedAt: string;
}
`;

const repository = ({ table }) => `import type { EntityManager } from 'typeorm';
import type { NoteView } from './note.view.js';

interface NoteRow {
  id: string;
  site_id: string;
  author_id: string;
  text: string;
  occurred_at: Date;
  received_at: Date;
}

const toView = (r: NoteRow): NoteView => ({
  id: r.id,
  siteId: r.site_id,
  authorId: r.author_id,
  text: r.text,
  occurredAt: r.occurred_at.toISOString(),
  receivedAt: r.received_at.toISOString(),
});

/** The only code that knows the columns of \`${table}\`. */
export async function insertNote(
  tx: EntityManager,
  note: { siteId: string; authorId: string; text: string; occurredAt: Date; receivedAt: Date },
): Promise<NoteView> {
  const [row] = (await tx.query(
    \`INSERT INTO ${table} (site_id, author_id, text, occurred_at, received_at)
     VALUES ($1, $2, $3, $4, $5) RETURNING *\`,
    [note.siteId, note.authorId, note.text, note.occurredAt, note.receivedAt],
  )) as NoteRow[];
  return toView(row);
}
`;

const migration = ({
  name,
  Pascal,
  migrationTs,
  table,
}) => `import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The ${name} feature's notes. */
export class ${Pascal}${migrationTs} implements MigrationInterface {
  name = '${Pascal}${migrationTs}';
  async up(q: QueryRunner): Promise<void> {
    await q.query(\`CREATE TABLE ${table} (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      site_id uuid NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
      author_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      text text NOT NULL,
      occurred_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now())\`);
    await q.query(\`CREATE INDEX ${table}_site_idx ON ${table} (site_id, occurred_at DESC)\`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE ${table}');
  }
}
`;

const persistenceList = ({
  name,
  Pascal,
  migrationTs,
}) => `import { ${Pascal}${migrationTs} } from './${migrationTs}-${name}.js';

/** What the ${name} feature stores; collected by apps/api/src/persistence.ts. */
export const ${name}Entities: (new () => unknown)[] = [];
export const ${name}Migrations: (new () => unknown)[] = [${Pascal}${migrationTs}];
`;

const module_ = ({ name, Pascal }) => `import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Add${Pascal}NoteHandler } from './commands/add-note/add-note.handler.js';
import { BroadcastWhen${Pascal}NoteAdded } from './event-handlers/broadcast-when-note-added.handler.js';
import { ${Pascal}Gateway } from './${name}.gateway.js';

/** The ${name} feature: gateway, commands, events, reactions, rules, persistence. */
@Module({
  imports: [CqrsModule],
  providers: [${Pascal}Gateway, Add${Pascal}NoteHandler, BroadcastWhen${Pascal}NoteAdded],
})
export class ${Pascal}Module {}
`;

const index = ({ name }) => `export * from './${name}.module.js';
export * from './persistence/${name}-persistence.js';
export * from './events/note-added.event.js';
export type { NoteView } from './persistence/note.view.js';
`;

/** Path under libs/<name>/src -> content. */
export function featureFiles(n) {
  return {
    'index.ts': index(n),
    [`${n.name}.module.ts`]: module_(n),
    [`${n.name}.gateway.ts`]: gateway(n),
    'commands/add-note/add-note.command.ts': command(n),
    'commands/add-note/add-note.dto.ts': dto(n),
    'commands/add-note/add-note.handler.ts': handler(n),
    'domain/note.ts': domain(n),
    'domain/note.spec.ts': domainSpec(n),
    'events/note-added.event.ts': event(n),
    'event-handlers/broadcast-when-note-added.handler.ts': eventHandler(n),
    'persistence/note.view.ts': view(n),
    'persistence/note.repository.ts': repository(n),
    [`persistence/${n.migrationTs}-${n.name}.ts`]: migration(n),
    [`persistence/${n.name}-persistence.ts`]: persistenceList(n),
  };
}
