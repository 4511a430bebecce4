/**
 * Per conversation, the highest change number (`rev`) this client is sure to have applied: the
 * "change cursor" of docs/protocol.md ("Catching up after a reconnect"). A room re-joined after
 * a reconnect sends it as `changes_after`, and the server replays the edits, deletions and
 * reactions of held messages made since, instead of the client downloading history again.
 *
 * Every rule here errs low: a cursor that is too low only brings updates again (dropped by
 * rev), one that is too high would lose them.
 */
export class ChangeCursors {
  private readonly cursors = new Map<string, number>();
  /** Rooms whose latest room.join was acknowledged: their live updates move the cursor. */
  private readonly acked = new Set<string>();
  /** Updates counted between a join and its ack (the server sends at most 2,000 per join). */
  private readonly replayed = new Map<string, number>();

  get(conversationId: string): number | undefined {
    return this.cursors.get(conversationId);
  }

  /** The history was loaded with every change up to `lastRev` in it. Only the first counts:
   * later loads are older pages, which do not say anything about newer changes. */
  seed(conversationId: string, lastRev: number | undefined): void {
    if (lastRev === undefined || this.cursors.has(conversationId)) return;
    this.cursors.set(conversationId, lastRev);
  }

  joinSent(conversationId: string): void {
    this.acked.delete(conversationId);
    this.replayed.set(conversationId, 0);
  }

  /** The ack of a room.join; returns how many updates its replay brought. */
  joinAcked(conversationId: string, lastRev: number | undefined): number {
    this.acked.add(conversationId);
    if (lastRev !== undefined) this.raise(conversationId, lastRev);
    const count = this.replayed.get(conversationId) ?? 0;
    this.replayed.delete(conversationId);
    return count;
  }

  /** A message.updated arrived. Before the join's ack it is part of the replay (or overtook
   * it): applied, but it moves nothing; the ack's `last_rev` does. */
  update(conversationId: string, rev: number | undefined): void {
    const counting = this.replayed.get(conversationId);
    if (counting !== undefined) this.replayed.set(conversationId, counting + 1);
    if (rev !== undefined && this.acked.has(conversationId)) this.raise(conversationId, rev);
  }

  /** The connection dropped: no room is joined until its next ack. */
  disconnected(): void {
    this.acked.clear();
    this.replayed.clear();
  }

  /** The cached history was dropped (or the room left for good): start again when reloaded. */
  forget(conversationId: string): void {
    this.cursors.delete(conversationId);
    this.acked.delete(conversationId);
    this.replayed.delete(conversationId);
  }

  clear(): void {
    this.cursors.clear();
    this.disconnected();
  }

  private raise(conversationId: string, rev: number): void {
    const held = this.cursors.get(conversationId);
    if (held === undefined || rev > held) this.cursors.set(conversationId, rev);
  }
}
