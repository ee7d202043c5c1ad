"""Pure rules of the network (no Django): request states, routing suggestions and their ranking."""
