// The unread count on the tab's icon, next to the "(3) Natter" title: a pinned tab shows no
// title, only the icon.
const BASE_ICON = '/favicon.svg';
let baseImage: Promise<HTMLImageElement> | null = null;
let shown = 0;

export function badgeLabel(count: number): string {
  return count > 99 ? '99+' : String(count);
}

function iconLink(): HTMLLinkElement {
  let link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    link = document.createElement('link');
    link.rel = 'icon';
    document.head.appendChild(link);
  }
  return link;
}

function loadBase(): Promise<HTMLImageElement> {
  baseImage ??= new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = reject;
    image.src = BASE_ICON;
  });
  return baseImage;
}

export async function setFaviconCount(count: number): Promise<void> {
  shown = count;
  const link = iconLink();
  if (count <= 0) {
    link.type = 'image/svg+xml';
    link.href = BASE_ICON;
    return;
  }
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 64;
  const context = canvas.getContext('2d');
  if (!context) return;
  try {
    context.drawImage(await loadBase(), 0, 0, 64, 64);
  } catch {
    // The badge alone still says there is something new.
  }
  if (shown !== count) return; // a newer count arrived while the icon loaded
  const label = badgeLabel(count);
  context.fillStyle = '#e5484d';
  context.beginPath();
  context.arc(44, 20, 20, 0, 2 * Math.PI);
  context.fill();
  context.fillStyle = '#ffffff';
  context.font = `bold ${label.length > 2 ? 18 : 26}px system-ui, sans-serif`;
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.fillText(label, 44, 21);
  link.type = 'image/png';
  link.href = canvas.toDataURL('image/png');
}
