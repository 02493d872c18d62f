"""The system's wiring of controllers: each module adapts one component's pure decision function
(written in ``model/controllers``) to the transition system — it reads the component's informer
cache, calls the decision, and returns API writes as data. Known-bad variants (``model.variants``)
are applied here, as transformations of a decision's inputs or outputs.
"""
