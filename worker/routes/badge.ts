import { Hono } from 'hono';
import type { AppEnv } from '../http';

export const badge = new Hono<AppEnv>();
