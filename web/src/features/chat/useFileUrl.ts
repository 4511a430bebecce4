import { useEffect, useState } from 'react';
import { fetchFileUrl } from '../../api/files';

export type FileState =
  { status: 'loading' } | { status: 'ready'; url: string } | { status: 'error' };

/** Loads a private server file into a blob: URL for as long as the component shows it. */
export function useFileUrl(path: string | null): FileState {
  const [state, setState] = useState<FileState>({ status: 'loading' });
  useEffect(() => {
    if (!path) return;
    const abort = new AbortController();
    let url: string | null = null;
    setState({ status: 'loading' });
    fetchFileUrl(path, abort.signal).then(
      (loaded) => {
        url = loaded;
        setState({ status: 'ready', url: loaded });
      },
      () => {
        if (!abort.signal.aborted) setState({ status: 'error' });
      },
    );
    return () => {
      abort.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [path]);
  return state;
}
