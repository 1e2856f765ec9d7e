<?php
/**
 * Plugin Name: Kudos test: loopback oEmbed
 * Description: Test-only must-use plugin. WordPress fetches oEmbed only from public hosts on
 * ports 80, 443 and 8080; the test's Kudos runs on 127.0.0.1 on a free port. This lets those
 * requests through and changes nothing else (not how WordPress filters oEmbed answers).
 */
add_filter(
	'http_request_host_is_external',
	function ( $external, $host ) {
		return $external || '127.0.0.1' === $host;
	},
	10,
	2
);
add_filter(
	'http_allowed_safe_ports',
	function ( $ports, $host, $url ) {
		$port = wp_parse_url( $url, PHP_URL_PORT );
		return '127.0.0.1' === $host && $port ? array_merge( $ports, array( $port ) ) : $ports;
	},
	10,
	3
);
