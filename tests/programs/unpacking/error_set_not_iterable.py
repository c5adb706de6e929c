print({*None})
