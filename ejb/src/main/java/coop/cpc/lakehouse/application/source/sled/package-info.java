/** Source kind: sled databases, a tree per asset, read whole by every run (OVERWRITE). Settings, validation, reader. */
package coop.cpc.lakehouse.application.source.sled;
