/* The Kudos block in the editor: a preview rendered by the server, as on the page. No build step. */
((blocks, element, ServerSideRender) => {
  blocks.registerBlockType('kudos/button', {
    apiVersion: 2,
    title: 'Kudos button',
    icon: 'heart',
    category: 'widgets',
    attributes: { style: { type: 'string', default: '' }, theme: { type: 'string', default: '' } },
    edit: (props) => element.createElement(ServerSideRender, { block: 'kudos/button', attributes: props.attributes }),
    save: () => null,
  });
})(window.wp.blocks, window.wp.element, window.wp.serverSideRender);
