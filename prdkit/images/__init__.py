"""Pictures a document names: found (`refs`), read and checked in its folder (`files`,
`headers`), and handed to the writers (`pictures`)."""
