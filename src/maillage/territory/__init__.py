"""Territory analysis (`/territoire/`): coverage of each commune by the census's published places,
underserved communes, the mobile-unit stop planner, the territorial diagnosis PDF, the indicators' API."""
