import { describe, expect, it, vi } from 'vitest';
import { PresenceStore } from './presenceStore';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PresenceStore', () => {
  it('watches the union of what components want, once per tick, and forgets the rest', async () => {
    const watch = vi.fn(async (ids: string[]) => ({
      presence: ids
        .filter((id) => id !== 'stranger')
        .map((id) => ({ user_id: id, online: true, last_seen_at: null })),
    }));
    const store = new PresenceStore(watch);
    store.connected();
    const releaseA = store.want(['ben', 'stranger']);
    store.want(['ben', 'cara']);
    await tick();
    expect(watch).toHaveBeenCalledTimes(1);
    expect(watch.mock.calls[0]![0].sort()).toEqual(['ben', 'cara', 'stranger']);
    expect(store.get('ben').online).toBe(true);
    expect(store.get('stranger').online).toBeNull();
    releaseA();
    await tick();
    expect(watch.mock.calls[1]![0].sort()).toEqual(['ben', 'cara']);
  });

  it('sees nobody while the user hides their own presence', async () => {
    const store = new PresenceStore(async () => ({ presence: [], hidden: true }));
    store.connected();
    store.apply({ user_id: 'ben', online: true, last_seen_at: null });
    store.privacyChanged(true);
    expect(store.get('ben').online).toBeNull();
    expect(store.hiddenByMe).toBe(true);
  });
});
