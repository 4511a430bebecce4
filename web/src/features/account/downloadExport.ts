import { accountApi } from '../../api/endpoints';

/**
 * Fetches the caller's export with the bearer token (a plain link could not send it) and
 * hands it to the browser as a file.
 */
export async function downloadExport(username: string | null): Promise<void> {
  const data = await accountApi.exportData();
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `natter-export-${username ?? 'account'}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has started the download once click() returns; the URL can go after a tick.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
