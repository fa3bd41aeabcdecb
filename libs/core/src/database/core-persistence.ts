import { SiteAssignmentEntity } from '../accounts/site-assignment.entity.js';
import { SiteEntity } from '../accounts/site.entity.js';
import { UserEntity } from '../accounts/user.entity.js';
import { RefreshTokenEntity } from '../auth/refresh-token.entity.js';
import { Accounts1732200000000 } from './migrations/1732200000000-accounts.js';
import { TokenEpoch1733300023000 } from './migrations/1733300023000-token-epoch.js';

/** What the core library stores; the app collects every library's entities and migrations. */
export const coreEntities = [UserEntity, SiteEntity, SiteAssignmentEntity, RefreshTokenEntity];
export const coreMigrations = [Accounts1732200000000, TokenEpoch1733300023000];
