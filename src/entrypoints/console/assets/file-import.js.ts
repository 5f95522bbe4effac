/**
 * Client module: a file chosen in `input[data-file-into="<textarea id>"]` is read into that text area, so
 * the form posts plain text (no multipart parsing on the server); pasting the text works without JavaScript.
 */
export const FILE_IMPORT_JS = String.raw`
for (const input of document.querySelectorAll('input[type=file][data-file-into]')) {
  input.addEventListener('change', async () => {
    const target = document.getElementById(input.getAttribute('data-file-into'));
    const file = input.files && input.files[0];
    if (target && file) target.value = await file.text();
  });
}
`;
