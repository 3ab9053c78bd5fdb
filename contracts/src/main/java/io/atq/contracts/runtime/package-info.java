/** Process settings both apps apply at start-up (plain Java: system properties read by their libraries). */
package io.atq.contracts.runtime;
