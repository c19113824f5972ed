"""The charts: one module per view (a pure ``figure`` builder and the ``records`` and ``chart``
adapters that feed it from the dataset), the registry that declares them, and their context."""
