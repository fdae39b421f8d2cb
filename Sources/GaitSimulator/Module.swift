// placeholder until module lands
