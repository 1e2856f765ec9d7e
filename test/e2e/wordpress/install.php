<?php
// Installs one test blog through WordPress's own installer (wp_install), then creates its people
// and posts from a JSON plan. Run by scripts/wordpress-setup.mjs:
//   php install.php <config name> <host:port> <plan.json>   → prints what it made as JSON
[ , $config, $host, $plan_file ] = $argv;
$_SERVER['WORDPRESS_CONFIG'] = $config;
$_SERVER['HTTP_HOST']        = $host;
$_SERVER['REQUEST_URI']      = '/';
$_SERVER['SERVER_PROTOCOL']  = 'HTTP/1.1';
define( 'WP_INSTALLING', true );
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

$plan = json_decode( file_get_contents( $plan_file ), true );
wp_install( 'Kudos test blog', 'admin', 'admin@example.test', true, '', 'admin-password' );
update_option( 'permalink_structure', '' );
$made = array( 'users' => array(), 'posts' => array() );
foreach ( $plan['users'] as $user ) {
	$id = wp_create_user( $user['login'], $user['password'], $user['login'] . '@example.test' );
	( new WP_User( $id ) )->set_role( $user['role'] );
	foreach ( $user['meta'] ?? array() as $key => $value ) {
		update_user_meta( $id, $key, $value );
	}
	$made['users'][ $user['login'] ] = $id;
}
foreach ( $plan['options'] ?? array() as $name => $value ) {
	update_option( $name, $value );
}
foreach ( $plan['posts'] as $key => $post ) {
	$author = get_user_by( 'login', $post['author'] );
	// Written as that person, with their capabilities (an Author's content is filtered by kses).
	wp_set_current_user( $author->ID );
	$id     = wp_insert_post(
		array(
			'post_title'   => $post['title'],
			'post_content' => $post['content'] ?? '',
			'post_status'  => 'publish',
			'post_type'    => $post['type'] ?? 'post',
			'post_author'  => $author->ID,
		),
		true
	);
	foreach ( $post['meta'] ?? array() as $meta_key => $value ) {
		update_post_meta( $id, $meta_key, $value );
	}
	// A pasted link to the post's own thing page needs the post's address, known only now.
	$content = str_replace( '{permalink}', rawurlencode( get_permalink( $id ) ), $post['content'] ?? '' );
	wp_update_post( array( 'ID' => $id, 'post_content' => $content ) );
	$made['posts'][ $key ] = array( 'id' => $id, 'url' => get_permalink( $id ) );
}
echo json_encode( $made );
