import { useCallback, useState } from 'react';
import { useStore } from 'react-redux';
import { baseQueryWithReauth } from './api';
import { errorMessage } from './errors';

/**
 * Downloads a protected file (an .ics or a CSV). A plain link can't carry the bearer token, so the
 * file is fetched through the same base query as every API call (token refresh included) and
 * saved from a blob URL.
 */
export function useAuthorizedDownload() {
  const store = useStore();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const download = useCallback(
    async (path: string, filename: string, params?: Record<string, string | undefined>) => {
      setPending(true);
      setError(null);
      const controller = new AbortController();
      try {
        const result = await baseQueryWithReauth(
          { url: path, params, responseHandler: blobOrErrorBody },
          {
            signal: controller.signal,
            abort: (reason) => controller.abort(reason),
            dispatch: store.dispatch,
            getState: store.getState,
            extra: undefined,
            endpoint: 'download',
            type: 'query',
          },
          {},
        );
        if (result.error) {
          setError(errorMessage(result.error));
          return false;
        }
        saveBlob(result.data as Blob, filename);
        return true;
      } finally {
        setPending(false);
      }
    },
    [store],
  );

  return { download, pending, error, clearError: () => setError(null) };
}

async function blobOrErrorBody(response: Response): Promise<unknown> {
  if (response.ok) return response.blob();
  // Errors are DRF JSON (`{detail}`), which errorMessage() knows how to read.
  return response.json().catch(() => null);
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
