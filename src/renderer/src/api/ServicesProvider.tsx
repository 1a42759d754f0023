import { createContext, use, type ReactNode } from 'react';
import type { Client } from './client.ts';
import type { SaveQueue } from './saveQueue.ts';

type Services = { client: Client; saves: SaveQueue };

const ServicesContext = createContext<Services | null>(null);

/** Gives every feature the shell's client and the window's one save queue. */
export function ServicesProvider({ client, saves, children }: Services & { children: ReactNode }) {
  return <ServicesContext value={{ client, saves }}>{children}</ServicesContext>;
}

/** The shell's client and the save queue; only inside ServicesProvider. */
export function useServices(): Services {
  const services = use(ServicesContext);
  if (services === null) throw new Error('useServices needs a ServicesProvider above it.');
  return services;
}
