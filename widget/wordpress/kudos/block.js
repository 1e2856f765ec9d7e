/* The Kudos block in the editor: a preview rendered by the server, as on the page. No build step. */
( function ( blocks, element, ServerSideRender ) {
	blocks.registerBlockType( 'kudos/button', {
		apiVersion: 2,
		title: 'Kudos button',
		icon: 'heart',
		category: 'widgets',
		attributes: { style: { type: 'string', default: '' }, theme: { type: 'string', default: '' } },
		edit: function ( props ) {
			return element.createElement( ServerSideRender, { block: 'kudos/button', attributes: props.attributes } );
		},
		save: function () {
			return null;
		},
	} );
} )( window.wp.blocks, window.wp.element, window.wp.serverSideRender );
