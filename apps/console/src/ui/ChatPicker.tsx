import type { ChatTarget } from '../state/chat.js';
import type { ConsoleState } from '../state/console-state.js';
import { useServices } from './context.js';

const valueOf = (chat: ChatTarget): string =>
  chat.kind === 'site' ? 'site' : chat.conversationId ? `d:${chat.conversationId}` : `n:${chat.peerId}`;

/** Which conversation the messages panel shows: the site's, a direct one, or a new direct one. */
export function ChatPicker({ state }: { state: ConsoleState }) {
  const { live } = useServices();
  const site = state.sites.find((s) => s.id === state.siteId);
  const withDirect = new Set(state.directs.map((d) => d.peer.id));
  const newPeers = state.siteGuards.filter((g) => g.name && !withDirect.has(g.userId));
  const choose = (value: string) => {
    if (value === 'site') return live.openChat({ kind: 'site' });
    const direct = state.directs.find((d) => `d:${d.id}` === value);
    if (direct)
      return live.openChat({
        kind: 'direct',
        peerId: direct.peer.id,
        peerName: direct.peer.name,
        conversationId: direct.id,
      });
    const peer = newPeers.find((g) => `n:${g.userId}` === value);
    if (peer)
      live.openChat({ kind: 'direct', peerId: peer.userId, peerName: peer.name!, conversationId: null });
  };
  return (
    <select
      aria-label="Conversation"
      data-testid="chat-select"
      value={valueOf(state.chat)}
      onChange={(e) => choose(e.currentTarget.value)}
    >
      <option value="site">Site: {site?.name ?? '—'}</option>
      {state.directs.map((d) => (
        <option key={d.id} value={`d:${d.id}`}>
          {d.peer.name}
          {d.unreadCount ? ` (${d.unreadCount} new)` : ''}
        </option>
      ))}
      {state.chat.kind === 'direct' && !state.chat.conversationId && (
        <option value={valueOf(state.chat)}>{state.chat.peerName}</option>
      )}
      {newPeers.length > 0 && (
        <optgroup label="New direct message">
          {newPeers.map((g) => (
            <option key={g.userId} value={`n:${g.userId}`}>
              {g.name}
            </option>
          ))}
        </optgroup>
      )}
    </select>
  );
}
