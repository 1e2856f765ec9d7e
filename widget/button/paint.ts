// Applies a ButtonFace to the server-rendered markup of Button.tsx, in place: the button keeps
// its focus and the live regions stay, so screen readers announce the new count and hint.
import type { ButtonFace } from '../common/face';

export function paint(root: HTMLElement, face: ButtonFace) {
  const box = root.firstElementChild as HTMLElement;
  const button = box.querySelector('button')!;
  box.className = face.className;
  button.setAttribute('aria-pressed', String(face.pressed));
  button.setAttribute('aria-disabled', String(face.disabled || face.busy));
  button.setAttribute('aria-busy', String(face.busy));
  button.title = face.hint;
  if (button.hasAttribute('aria-label')) button.setAttribute('aria-label', face.label);
  const label = box.querySelector('.label');
  if (label) label.textContent = face.label;
  const count = box.querySelector('.count') as HTMLElement;
  count.title = face.countTitle;
  count.querySelector('.n')!.textContent = face.count;
  count.querySelector('.sr')!.textContent = face.unit;
  box.querySelector('#kb-hint')!.textContent = face.hint === face.label ? '' : face.hint;
}
