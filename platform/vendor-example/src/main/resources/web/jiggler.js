// Toolbar button module of the example vendor bundle (the UI extension point, docs/vendor-sdk.md):
// the web app imports it on the first click and calls activate(button) once; it then owns the button.
export function activate(button) {
  const jiggle = async () => {
    button.disabled = true;
    try {
      const response = await fetch('/api/vendor/jiggler/jiggle', { method: 'POST', credentials: 'same-origin' });
      const state = await response.json();
      button.title = response.ok ? `Jiggled ${state.moves} times` : (state.message || 'Jiggle failed');
      button.dataset.moves = response.ok ? String(state.moves) : '';
    } finally {
      button.disabled = false;
    }
  };
  button.addEventListener('click', jiggle);
  return jiggle();
}
