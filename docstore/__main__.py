from docstore.cli import main

main()
