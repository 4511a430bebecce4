// The tab title: "(3) Weekend hike · Natter". Two writers (unread total, open page) share it.
let unread = 0;
let page: string | null = null;

function render(): void {
  const base = page ? `${page} · Natter` : 'Natter';
  document.title = unread > 0 ? `(${unread > 99 ? '99+' : unread}) ${base}` : base;
}

export function setUnreadTotal(count: number): void {
  unread = count;
  render();
}

export function setPageTitle(title: string | null): void {
  page = title;
  render();
}
