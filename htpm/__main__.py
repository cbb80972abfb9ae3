from htpm.cli import main

main()
