import { Hono } from 'hono';
import type { AppEnv } from '../http';

export const pages = new Hono<AppEnv>();
