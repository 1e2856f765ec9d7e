import { Hono } from 'hono';
import type { AppEnv } from '../http';

export const button = new Hono<AppEnv>();
