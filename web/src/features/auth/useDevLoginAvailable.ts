import { useQuery } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../api/client';

/**
 * Whether the server offers the development login. The providers list may name it; otherwise
 * an empty POST tells: 404 means the endpoint is off, a validation error means it is on (an
 * empty name signs nobody in).
 */
export function useDevLoginAvailable(listedByServer: boolean | undefined) {
  return useQuery({
    queryKey: ['auth', 'dev-login-available'],
    enabled: listedByServer === false,
    staleTime: Infinity,
    retry: false,
    queryFn: async () => {
      try {
        await apiRequest('/auth/dev/login', { method: 'POST', body: { name: '' }, auth: false });
        return true;
      } catch (error) {
        if (error instanceof ApiError) return error.status !== 404 && error.status !== 405;
        return false;
      }
    },
  });
}
