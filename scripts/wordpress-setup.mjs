// Real WordPress for the browser tests, from Debian's packages (wordpress, apache2,
// libapache2-mod-php, php-mysql, mariadb-server; `.ci/run` installs them). Idempotent: every
// call starts MariaDB if it is not running, (re)creates the blogs' databases, writes their
// configuration and starts an Apache of its own on free loopback ports.
//
// Two blogs, both on http://localhost:<port> (another site than Kudos on 127.0.0.1):
//   plugin  the Kudos plugin (widget/wordpress/kudos) copied into wp-content/plugins and active
//   stock   no plugin at all
// Both get one test-only must-use plugin that lets WordPress fetch oEmbed from 127.0.0.1 on
// Kudos' port (test/e2e/wordpress/kudos-test-loopback.php), and nothing else.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = new URL('..', import.meta.url).pathname;
const WORDPRESS = '/usr/share/wordpress';
const MODULES = '/usr/lib/apache2/modules';
const PLUGIN_ZIP = `${ROOT}widget/dist/kudos-wordpress.zip`;
const DB_USER = 'kudos_e2e';
const DB_PASSWORD = 'kudos-e2e-password';

function sql(statements) {
  execFileSync('mariadb', ['-u', 'root', '-e', statements], { stdio: ['ignore', 'pipe', 'pipe'] });
}

async function ensureMariaDb() {
  const alive = () => spawnSync('mariadb-admin', ['ping'], { stdio: 'ignore' }).status === 0;
  if (alive()) return;
  spawnSync('service', ['mariadb', 'start'], { stdio: 'ignore' });
  for (let i = 0; i < 120 && !alive(); i++) await sleep(250);
  if (!alive()) throw new Error('MariaDB did not start (service mariadb start)');
}

/**
 * @param {{ kudosOrigin: string, ports: { plugin: number, stock: number }, plan: { plugin: object, stock: object } }} options
 * plan: per blog `{ users: [{login, password, role, meta?}], options?: {}, posts: {key: {author, title, content?, type?, meta?}} }`
 * @returns {Promise<{ plugin: { url: string, made: any }, stock: { url: string, made: any }, close(): Promise<void> }>}
 */
export async function startWordPress({ kudosOrigin, ports, plan }) {
  if (!existsSync(`${WORDPRESS}/wp-load.php`))
    throw new Error('WordPress is missing: apt-get install wordpress apache2 libapache2-mod-php php-mysql mariadb-server');
  await ensureMariaDb();
  const dir = mkdtempSync(join(tmpdir(), 'kudos-wordpress-'));
  chmodSync(dir, 0o755); // Apache's workers (www-data) read the blogs' wp-content in here
  const blogs = {};
  for (const name of ['plugin', 'stock']) {
    const port = ports[name];
    const database = `kudos_e2e_${name}`;
    const config = `kudos-e2e-${name}`;
    const content = join(dir, name, 'wp-content');
    mkdirSync(join(content, 'plugins'), { recursive: true });
    mkdirSync(join(content, 'mu-plugins'), { recursive: true });
    mkdirSync(join(content, 'uploads'), { recursive: true });
    symlinkSync(`${WORDPRESS}/wp-content/themes`, join(content, 'themes'));
    cpSync(`${ROOT}test/e2e/wordpress/kudos-test-loopback.php`, join(content, 'mu-plugins', 'kudos-test-loopback.php'));
    // Installed from the zip `npm run build` writes, as a blogger uploads it.
    if (name === 'plugin') {
      for (const [path, bytes] of Object.entries(unzipSync(readFileSync(PLUGIN_ZIP)))) {
        mkdirSync(join(content, 'plugins', dirname(path)), { recursive: true });
        writeFileSync(join(content, 'plugins', path), bytes);
      }
    }
    execFileSync('chown', ['-R', 'www-data:www-data', join(dir, name)]);

    sql(
      `DROP DATABASE IF EXISTS ${database}; CREATE DATABASE ${database};` +
        `CREATE USER IF NOT EXISTS '${DB_USER}'@'localhost' IDENTIFIED BY '${DB_PASSWORD}';` +
        `GRANT ALL ON ${database}.* TO '${DB_USER}'@'localhost'; FLUSH PRIVILEGES;`,
    );
    const url = `http://localhost:${port}`;
    // Debian's wp-config.php reads /etc/wordpress/config-<WORDPRESS_CONFIG>.php (Apache's SetEnv below).
    writeFileSync(
      `/etc/wordpress/config-${config}.php`,
      `<?php\n// Written by kudos scripts/wordpress-setup.mjs for the browser tests.\n` +
        `define('DB_NAME', '${database}'); define('DB_USER', '${DB_USER}'); define('DB_PASSWORD', '${DB_PASSWORD}'); define('DB_HOST', 'localhost');\n` +
        `define('WP_HOME', '${url}'); define('WP_SITEURL', '${url}');\n` +
        `define('WP_CONTENT_DIR', '${content}'); define('WP_CONTENT_URL', '${url}/wp-content');\n` +
        `define('AUTH_KEY', '${name}-a'); define('SECURE_AUTH_KEY', '${name}-b'); define('LOGGED_IN_KEY', '${name}-c'); define('NONCE_KEY', '${name}-d');\n` +
        `define('AUTH_SALT', '${name}-e'); define('SECURE_AUTH_SALT', '${name}-f'); define('LOGGED_IN_SALT', '${name}-g'); define('NONCE_SALT', '${name}-h');\n` +
        `define('WP_DEBUG', false); define('DISABLE_WP_CRON', true); define('AUTOMATIC_UPDATER_DISABLED', true);\n`,
    );
    const blogPlan = structuredClone(plan[name]);
    if (name === 'plugin') blogPlan.options = { ...blogPlan.options, active_plugins: ['kudos/kudos.php'] };
    const planFile = join(dir, `${name}-plan.json`);
    writeFileSync(planFile, JSON.stringify(blogPlan).replaceAll('{kudos}', kudosOrigin));
    const out = execFileSync('php', [`${ROOT}test/e2e/wordpress/install.php`, config, `localhost:${port}`, planFile], { encoding: 'utf8' });
    blogs[name] = { url, port, config, content, made: JSON.parse(out.slice(out.indexOf('{'))) };
  }

  const conf = join(dir, 'apache.conf');
  writeFileSync(
    conf,
    [
      `ServerRoot ${dir}`,
      `PidFile ${dir}/apache.pid`,
      `ErrorLog ${dir}/error.log`,
      `DefaultRuntimeDir ${dir}`,
      `Mutex file:${dir}`,
      'ServerName localhost',
      ...['mpm_prefork', 'authz_core', 'dir', 'mime', 'rewrite', 'env', 'alias'].map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`),
      `LoadModule php_module ${MODULES}/libphp8.2.so`,
      'User www-data',
      'Group www-data',
      'StartServers 2',
      'MaxRequestWorkers 16',
      'TypesConfig /etc/mime.types',
      'DirectoryIndex index.php',
      '<FilesMatch "\\.php$">\n  SetHandler application/x-httpd-php\n</FilesMatch>',
      `<Directory ${WORDPRESS}>\n  Require all granted\n  AllowOverride None\n</Directory>`,
      `<Directory ${dir}>\n  Require all granted\n</Directory>`,
      ...Object.values(blogs).flatMap((b) => [
        `Listen 127.0.0.1:${b.port}`,
        `<VirtualHost 127.0.0.1:${b.port}>\n  DocumentRoot ${WORDPRESS}\n  SetEnv WORDPRESS_CONFIG ${b.config}\n  Alias /wp-content ${b.content}\n</VirtualHost>`,
      ]),
      '',
    ].join('\n'),
  );
  const apache = (action) => spawnSync('apache2', ['-f', conf, '-k', action], { encoding: 'utf8' });
  const started = apache('start');
  if (started.status !== 0) throw new Error(`apache2 did not start: ${started.stderr}`);
  for (const blog of Object.values(blogs)) {
    for (let i = 0; ; i++) {
      const res = await fetch(`${blog.url}/`).catch(() => null);
      if (res?.ok) break;
      if (i > 120) throw new Error(`WordPress on ${blog.url} did not answer: ${res?.status}\n${readFileSync(`${dir}/error.log`, 'utf8')}`);
      await sleep(250);
    }
  }
  return {
    plugin: { url: blogs.plugin.url, made: blogs.plugin.made },
    stock: { url: blogs.stock.url, made: blogs.stock.made },
    errorLog: () => readFileSync(`${dir}/error.log`, 'utf8'),
    async close() {
      apache('stop');
      const pidFile = `${dir}/apache.pid`;
      for (let i = 0; i < 40 && existsSync(pidFile); i++) await sleep(250);
      for (const blog of Object.values(blogs)) rmSync(`/etc/wordpress/config-${blog.config}.php`, { force: true });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
