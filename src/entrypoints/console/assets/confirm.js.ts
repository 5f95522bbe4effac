/** Client module: buttons with `data-confirm="<question>"` ask before their form is sent. */
export const CONFIRM_JS = String.raw`
for (const button of document.querySelectorAll('[data-confirm]')) {
  button.addEventListener('click', (event) => {
    if (!window.confirm(button.getAttribute('data-confirm'))) event.preventDefault();
  });
}
`;
