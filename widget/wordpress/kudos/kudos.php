<?php
/**
 * Plugin Name:       Kudos
 * Plugin URI:        https://github.com/kudos/kudos
 * Description:       A Kudos button on every post (readers give a share of their monthly budget with one click), Kudos links as trusted embeds, and payment links in your feeds.
 * Version:           0.1.0
 * Requires at least: 5.9
 * Requires PHP:      7.4
 * Author:            Kudos
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       kudos
 *
 * No script ever goes into post content: the button is markup the plugin adds when the page is
 * rendered, and the one script (Kudos' embed.js) is enqueued only on pages that show a button.
 * So it works for every author, also those without the unfiltered_html capability.
 */

defined( 'ABSPATH' ) || exit;

const KUDOS_OPTION        = 'kudos_settings';
const KUDOS_USER_HANDLE   = 'kudos_handle';
const KUDOS_HIDE_META     = '_kudos_hide';
const KUDOS_BUTTON_STYLES = array( 'default', 'compact', 'large' );
const KUDOS_THEMES        = array( 'auto', 'light', 'dark' );
const KUDOS_LANGS         = array( '', 'en', 'de', 'sv' );
const KUDOS_POSITIONS     = array( 'after', 'before', 'none' );

/** The settings, with defaults for anything not saved yet. */
function kudos_settings() {
	$saved = get_option( KUDOS_OPTION, array() );
	return wp_parse_args(
		is_array( $saved ) ? $saved : array(),
		array(
			'kudos_url'     => 'https://kudos.example',
			'handle'        => '',
			'style'         => 'default',
			'theme'         => 'auto',
			'lang'          => '',
			'position'      => 'after',
			'post_types'    => array( 'post' ),
			'hide_listings' => true,
		)
	);
}

/** The Kudos address without a trailing slash, e.g. https://kudos.example. */
function kudos_origin() {
	return untrailingslashit( kudos_settings()['kudos_url'] );
}

/** Who receives the kudos for a post: its author's own handle, else the site's. */
function kudos_handle_for( $post ) {
	$own = $post ? get_user_meta( (int) $post->post_author, KUDOS_USER_HANDLE, true ) : '';
	return $own ? $own : kudos_settings()['handle'];
}

/** The thing a post is: its canonical permalink and its title. */
function kudos_thing_of( $post ) {
	$url = function_exists( 'wp_get_canonical_url' ) ? wp_get_canonical_url( $post ) : false;
	return array(
		'owner' => kudos_handle_for( $post ),
		'url'   => $url ? $url : get_permalink( $post ),
		'title' => wp_strip_all_tags( html_entity_decode( get_the_title( $post ), ENT_QUOTES, 'UTF-8' ) ),
	);
}

/** The thing's page on Kudos: where the button's plain link leads, and the feeds' payment link. */
function kudos_thing_page( $thing ) {
	return kudos_origin() . '/thing?' . http_build_query( $thing, '', '&', PHP_QUERY_RFC3986 );
}

/** The button's markup: a plain link that embed.js turns into the button. */
function kudos_button( $post, $overrides = array() ) {
	$thing = kudos_thing_of( $post );
	if ( '' === $thing['owner'] || ! $thing['url'] ) {
		return '';
	}
	$settings = wp_parse_args( array_filter( $overrides ), kudos_settings() );
	kudos_enqueue_loader();
	$data = array(
		'owner' => $thing['owner'],
		'url'   => $thing['url'],
		'title' => $thing['title'],
		'style' => in_array( $settings['style'], KUDOS_BUTTON_STYLES, true ) ? $settings['style'] : 'default',
		'theme' => in_array( $settings['theme'], KUDOS_THEMES, true ) ? $settings['theme'] : 'auto',
	);
	if ( in_array( $settings['lang'], KUDOS_LANGS, true ) && '' !== $settings['lang'] ) {
		$data['lang'] = $settings['lang'];
	}
	$attributes = '';
	foreach ( $data as $name => $value ) {
		$attributes .= sprintf( ' data-%s="%s"', $name, esc_attr( $value ) );
	}
	return sprintf(
		'<p class="kudos"><a class="kudos-button" href="%s"%s>%s</a></p>',
		esc_url( kudos_thing_page( $thing ) ),
		$attributes,
		esc_html__( 'Give kudos', 'kudos' )
	);
}

/** Kudos' loader, once per page and only on pages with a button. */
function kudos_enqueue_loader() {
	wp_enqueue_script( 'kudos-embed', kudos_origin() . '/embed.js', array(), null, true );
}

add_filter(
	'script_loader_tag',
	function ( $tag, $handle ) {
		// async, and without credentials: no cookie reaches Kudos before a reader acts.
		return 'kudos-embed' === $handle ? str_replace( ' src=', ' async crossorigin="anonymous" src=', $tag ) : $tag;
	},
	10,
	2
);

/** Whether the post gets the automatic button here. */
function kudos_auto_button_for( $post ) {
	$settings = kudos_settings();
	if ( ! $post || 'none' === $settings['position'] || is_feed() ) {
		return false;
	}
	if ( ! in_array( $post->post_type, (array) $settings['post_types'], true ) ) {
		return false;
	}
	if ( get_post_meta( $post->ID, KUDOS_HIDE_META, true ) ) {
		return false;
	}
	// Listings (home, archives, search) show excerpts or many posts: a button there only if wanted.
	return ! ( $settings['hide_listings'] && ! is_singular() );
}

add_filter(
	'the_content',
	function ( $content ) {
		$post = get_post();
		if ( ! in_the_loop() && ! is_singular() ) {
			return $content;
		}
		if ( ! kudos_auto_button_for( $post ) ) {
			return $content;
		}
		$button = kudos_button( $post );
		return 'before' === kudos_settings()['position'] ? $button . $content : $content . $button;
	},
	20
);

add_filter(
	'the_excerpt',
	function ( $excerpt ) {
		$post = get_post();
		return kudos_auto_button_for( $post ) ? $excerpt . kudos_button( $post ) : $excerpt;
	},
	20
);

// [kudos style="large" theme="dark" lang="de"]: the button where the author wants it.
add_shortcode(
	'kudos',
	function ( $atts ) {
		$atts = shortcode_atts( array( 'style' => '', 'theme' => '', 'lang' => '' ), $atts, 'kudos' );
		return kudos_button( get_post(), $atts );
	}
);

// The block: rendered on the server, so the saved post holds only the block's comment.
add_action(
	'init',
	function () {
		wp_register_script( 'kudos-block-editor', plugins_url( 'block.js', __FILE__ ), array( 'wp-blocks', 'wp-element', 'wp-server-side-render' ), '0.1.0', true );
		register_block_type(
			'kudos/button',
			array(
				'api_version'     => 2,
				'editor_script'   => 'kudos-block-editor',
				'attributes'      => array(
					'style' => array( 'type' => 'string', 'default' => '' ),
					'theme' => array( 'type' => 'string', 'default' => '' ),
				),
				'render_callback' => function ( $attributes ) {
					return kudos_button( get_post(), $attributes );
				},
			)
		);
		// Kudos is a trusted oEmbed provider: its embeds keep their markup and are not sandboxed.
		$origin = preg_quote( kudos_origin(), '#' );
		wp_oembed_add_provider( "#^{$origin}/(thing\\?|things/)#i", kudos_origin() . '/oembed', true );
	}
);

// Trusted, a Kudos embed keeps its iframe as it is (not sandboxed: it works by itself), so the
// fallback link WordPress shows only for sandboxed embeds would stay next to it: drop it. (After
// core's own filter, which sees it and loads wp-embed.js.)
add_filter(
	'embed_oembed_html',
	function ( $html, $url ) {
		if ( 0 !== strpos( $url, kudos_origin() . '/' ) ) {
			return $html;
		}
		return preg_replace( '#<blockquote class="wp-embedded-content">.*?</blockquote>#s', '', $html );
	},
	20,
	2
);

// --- Site proof: the home page's head names the site's handle -----------------------------
// Kudos proves a site is someone's by the <meta name="kudos:owner"> in the <head> of its home
// page (or its /.well-known/kudos file), never by another page. With the site's handle set, its
// owner verifies the site on Kudos ("Your things") with one click, and readers' kudos here are
// theirs at once.
add_action(
	'wp_head',
	function () {
		$handle = kudos_settings()['handle'];
		if ( '' !== $handle && is_front_page() ) {
			printf( '<meta name="kudos:owner" content="%s">' . "\n", esc_attr( $handle ) );
		}
	}
);

// --- Feeds: each item's payment link, the podcast's funding link --------------------------

add_action(
	'rss2_item',
	function () {
		$thing = kudos_thing_of( get_post() );
		if ( '' !== $thing['owner'] ) {
			printf( "\t\t<atom:link rel=\"payment\" href=\"%s\" type=\"text/html\" />\n", esc_url( kudos_thing_page( $thing ) ) );
		}
	}
);

add_action(
	'atom_entry',
	function () {
		$thing = kudos_thing_of( get_post() );
		if ( '' !== $thing['owner'] ) {
			printf( "\t\t<link rel=\"payment\" href=\"%s\" type=\"text/html\" />\n", esc_url( kudos_thing_page( $thing ) ) );
		}
	}
);

// Podcasting 2.0 (podcastindex.org namespace): <podcast:funding> on the channel.
add_action(
	'rss2_ns',
	function () {
		echo 'xmlns:podcast="https://podcastindex.org/namespace/1.0"' . "\n\t";
	}
);

add_action(
	'rss2_head',
	function () {
		$handle = kudos_settings()['handle'];
		if ( '' !== $handle ) {
			printf( "\t<podcast:funding url=\"%s\">%s</podcast:funding>\n", esc_url( kudos_origin() . '/@' . rawurlencode( $handle ) ), esc_html__( 'Give kudos', 'kudos' ) );
		}
	}
);

// --- Per-post opt-out: a meta box on the post's edit screen ------------------------------

add_action(
	'add_meta_boxes',
	function () {
		add_meta_box(
			'kudos',
			'Kudos',
			function ( $post ) {
				wp_nonce_field( 'kudos_hide', 'kudos_hide_nonce' );
				printf(
					'<label><input type="checkbox" name="kudos_hide" value="1" %s /> %s</label>',
					checked( (bool) get_post_meta( $post->ID, KUDOS_HIDE_META, true ), true, false ),
					esc_html__( 'No Kudos button on this post', 'kudos' )
				);
			},
			(array) kudos_settings()['post_types'],
			'side'
		);
	}
);

add_action(
	'save_post',
	function ( $post_id ) {
		if ( ! isset( $_POST['kudos_hide_nonce'] ) || ! wp_verify_nonce( sanitize_key( $_POST['kudos_hide_nonce'] ), 'kudos_hide' ) ) {
			return;
		}
		if ( ( defined( 'DOING_AUTOSAVE' ) && DOING_AUTOSAVE ) || ! current_user_can( 'edit_post', $post_id ) ) {
			return;
		}
		if ( empty( $_POST['kudos_hide'] ) ) {
			delete_post_meta( $post_id, KUDOS_HIDE_META );
		} else {
			update_post_meta( $post_id, KUDOS_HIDE_META, '1' );
		}
	}
);

// The block editor saves the opt-out through the REST API too.
add_action(
	'init',
	function () {
		register_post_meta(
			'',
			KUDOS_HIDE_META,
			array(
				'type'          => 'boolean',
				'single'        => true,
				'show_in_rest'  => true,
				'auth_callback' => function ( $allowed, $key, $post_id ) {
					return current_user_can( 'edit_post', $post_id );
				},
			)
		);
	}
);

// --- Each author's own handle, on their profile ------------------------------------------

function kudos_profile_field( $user ) {
	printf(
		'<h2>Kudos</h2><table class="form-table" role="presentation"><tr><th><label for="kudos_handle">%s</label></th><td><input type="text" name="kudos_handle" id="kudos_handle" class="regular-text" value="%s" pattern="[a-z0-9_\-]{1,30}" /><p class="description">%s</p></td></tr></table>',
		esc_html__( 'Your Kudos handle', 'kudos' ),
		esc_attr( get_user_meta( $user->ID, KUDOS_USER_HANDLE, true ) ),
		esc_html__( 'Kudos for your posts go to this handle. Empty: the site\'s handle.', 'kudos' )
	);
}
add_action( 'show_user_profile', 'kudos_profile_field' );
add_action( 'edit_user_profile', 'kudos_profile_field' );

function kudos_save_profile_field( $user_id ) {
	if ( ! current_user_can( 'edit_user', $user_id ) || ! isset( $_POST['kudos_handle'] ) ) {
		return;
	}
	check_admin_referer( 'update-user_' . $user_id );
	update_user_meta( $user_id, KUDOS_USER_HANDLE, kudos_clean_handle( wp_unslash( $_POST['kudos_handle'] ) ) );
}
add_action( 'personal_options_update', 'kudos_save_profile_field' );
add_action( 'edit_user_profile_update', 'kudos_save_profile_field' );

/** A Kudos handle: lower-case letters, digits, _ and -, at most 30. */
function kudos_clean_handle( $value ) {
	return substr( preg_replace( '/[^a-z0-9_\-]/', '', strtolower( (string) $value ) ), 0, 30 );
}

// --- Settings → Kudos ----------------------------------------------------------------------

add_action(
	'admin_menu',
	function () {
		add_options_page( 'Kudos', 'Kudos', 'manage_options', 'kudos', 'kudos_settings_page' );
	}
);

add_action(
	'admin_init',
	function () {
		register_setting( 'kudos', KUDOS_OPTION, array( 'type' => 'array', 'sanitize_callback' => 'kudos_sanitize_settings' ) );
	}
);

function kudos_sanitize_settings( $input ) {
	$input   = is_array( $input ) ? $input : array();
	$url     = esc_url_raw( trim( isset( $input['kudos_url'] ) ? $input['kudos_url'] : '' ), array( 'http', 'https' ) );
	$types   = isset( $input['post_types'] ) ? array_map( 'sanitize_key', (array) $input['post_types'] ) : array();
	$pick    = function ( $key, $allowed ) use ( $input ) {
		return isset( $input[ $key ] ) && in_array( $input[ $key ], $allowed, true ) ? $input[ $key ] : $allowed[0];
	};
	return array(
		'kudos_url'     => $url ? untrailingslashit( $url ) : kudos_settings()['kudos_url'],
		'handle'        => kudos_clean_handle( isset( $input['handle'] ) ? $input['handle'] : '' ),
		'style'         => $pick( 'style', KUDOS_BUTTON_STYLES ),
		'theme'         => $pick( 'theme', KUDOS_THEMES ),
		'lang'          => $pick( 'lang', KUDOS_LANGS ),
		'position'      => $pick( 'position', KUDOS_POSITIONS ),
		'post_types'    => array_values( array_intersect( $types, get_post_types( array( 'public' => true ) ) ) ),
		'hide_listings' => ! empty( $input['hide_listings'] ),
	);
}

function kudos_settings_page() {
	$s    = kudos_settings();
	$name = function ( $key ) {
		return esc_attr( KUDOS_OPTION . "[$key]" );
	};
	$select = function ( $key, $choices ) use ( $s, $name ) {
		$html = sprintf( '<select name="%s" id="kudos-%s">', $name( $key ), esc_attr( $key ) );
		foreach ( $choices as $value => $label ) {
			$html .= sprintf( '<option value="%s"%s>%s</option>', esc_attr( $value ), selected( $s[ $key ], $value, false ), esc_html( $label ) );
		}
		return $html . '</select>';
	};
	echo '<div class="wrap"><h1>Kudos</h1><form method="post" action="options.php">';
	settings_fields( 'kudos' );
	echo '<table class="form-table" role="presentation">';
	printf( '<tr><th><label for="kudos-kudos_url">%s</label></th><td><input type="url" class="regular-text" id="kudos-kudos_url" name="%s" value="%s" required /></td></tr>', esc_html__( 'Kudos address', 'kudos' ), $name( 'kudos_url' ), esc_attr( $s['kudos_url'] ) );
	printf( '<tr><th><label for="kudos-handle">%s</label></th><td><input type="text" class="regular-text" id="kudos-handle" name="%s" value="%s" /><p class="description">%s</p></td></tr>', esc_html__( 'Your Kudos handle', 'kudos' ), $name( 'handle' ), esc_attr( $s['handle'] ), esc_html__( 'Authors can set their own handle on their profile; their posts then use it.', 'kudos' ) );
	printf( '<tr><th><label for="kudos-style">%s</label></th><td>%s</td></tr>', esc_html__( 'Style', 'kudos' ), $select( 'style', array( 'default' => 'Default (label and count)', 'compact' => 'Compact (icon and count)', 'large' => 'Large (big count)' ) ) );
	printf( '<tr><th><label for="kudos-theme">%s</label></th><td>%s</td></tr>', esc_html__( 'Theme', 'kudos' ), $select( 'theme', array( 'auto' => 'Follow the reader', 'light' => 'Light', 'dark' => 'Dark' ) ) );
	printf( '<tr><th><label for="kudos-lang">%s</label></th><td>%s</td></tr>', esc_html__( 'Language', 'kudos' ), $select( 'lang', array( '' => 'The page\'s language', 'en' => 'English', 'de' => 'Deutsch', 'sv' => 'Svenska' ) ) );
	printf( '<tr><th><label for="kudos-position">%s</label></th><td>%s</td></tr>', esc_html__( 'Button', 'kudos' ), $select( 'position', array( 'after' => 'After the post', 'before' => 'Before the post', 'none' => 'Only where I put [kudos] or the block' ) ) );
	echo '<tr><th>' . esc_html__( 'On', 'kudos' ) . '</th><td>';
	foreach ( get_post_types( array( 'public' => true ), 'objects' ) as $type ) {
		if ( 'attachment' === $type->name ) {
			continue;
		}
		printf( '<label><input type="checkbox" name="%s[]" value="%s"%s /> %s</label><br />', $name( 'post_types' ), esc_attr( $type->name ), checked( in_array( $type->name, (array) $s['post_types'], true ), true, false ), esc_html( $type->labels->name ) );
	}
	echo '</td></tr>';
	printf( '<tr><th>%s</th><td><label><input type="checkbox" name="%s" value="1"%s /> %s</label></td></tr>', esc_html__( 'Listings', 'kudos' ), $name( 'hide_listings' ), checked( $s['hide_listings'], true, false ), esc_html__( 'No button on excerpts, the home page, archives and search', 'kudos' ) );
	echo '</table>';
	submit_button();
	echo '</form></div>';
}
