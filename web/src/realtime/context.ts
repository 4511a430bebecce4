import { createContext } from 'react';
import type { RealtimeClient } from './realtimeClient';

export const RealtimeContext = createContext<RealtimeClient | null>(null);
