import { Hono } from 'hono';
import type { AppEnv } from '../http';

export const oembed = new Hono<AppEnv>();
