del len
