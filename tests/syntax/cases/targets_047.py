with z as f'{x}': pass
